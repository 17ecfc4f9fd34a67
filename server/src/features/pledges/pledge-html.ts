import type { Pledge, SurveyFollowUp } from '@lagesbild/shared';
import type { PledgeDocumentInput } from './pledge-docx';
import {
  ACTIVITY_STATUS_LABEL,
  STATUS_LABEL,
  dateSv,
  evidenceRows,
  formatNumber,
  formatPercent,
  listSv,
  responsibleText,
  whereText,
} from './pledge-text';

/**
 * The pledge as one printable HTML page (Swedish), the same content as the Word export, with
 * the map and the chart inline as data: images. No script; served with its own narrow CSP.
 */

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
const lines = (text: string) => escape(text).replace(/\n/g, '<br>');
const png = (bytes: Buffer) => `data:image/png;base64,${bytes.toString('base64')}`;

function results(r: SurveyFollowUp): string {
  const share = (s: { share: number | null; answered: number | null } | null) =>
    s === null
      ? '–'
      : s.share === null
        ? `visas inte (färre än ${r.threshold})`
        : `${formatPercent(s.share)} <span class="n">(n = ${formatNumber(s.answered ?? 0)})</span>`;
  const period = (p: { from: string; to: string } | null) => (p ? `${dateSv(p.from)} – ${dateSv(p.to)}` : 'ännu inte påbörjad');
  return `<table>
<thead><tr><th scope="col">Enkätfråga</th><th scope="col">Utgångsläge<br><span class="n">${escape(period(r.baseline))}</span></th><th scope="col">Uppföljning<br><span class="n">${escape(period(r.followUp))}</span></th><th scope="col">Förändring</th></tr></thead>
<tbody>${r.measures
    .map(
      (m) =>
        `<tr><th scope="row">${escape(m.label)}</th><td>${share(m.baseline)}</td><td>${share(m.followUp)}</td><td>${
          m.change === null
            ? '–'
            : `${m.change >= 0 ? '+' : '−'}${formatNumber(Math.abs(m.change * 100))} procentenheter${m.significant ? ' (säkerställd)' : ''}`
        }</td></tr>`,
    )
    .join('')}</tbody></table>`;
}

function activities(pledge: Pledge): string {
  if (pledge.activities.length === 0) return '<p><em>Inga aktiviteter ännu.</em></p>';
  const label = (category: string | null) => pledge.problems.find((p) => p.category === category)?.label;
  const followed = pledge.status === 'signed' || pledge.status === 'followed_up';
  return `<table class="activities">
<thead><tr>${['Vad', 'Vem', 'Var', 'När', 'Indikator', 'Mål', 'Uppföljning'].map((h) => `<th scope="col">${h}</th>`).join('')}</tr></thead>
<tbody>${pledge.activities
    .map((a, i) => {
      const problem = label(a.problemCategory);
      return `<tr><td><strong>${i + 1}.</strong> ${lines(a.what)}${problem ? `<br><span class="n">Problem: ${escape(problem)}</span>` : ''}</td><td>${escape(responsibleText(a.who))}</td><td>${
        whereText(a).map(escape).join('<br>') || '–'
      }</td><td>${lines(a.when || '–')}</td><td>${lines(a.indicator || '–')}</td><td>${lines(a.target || '–')}</td><td>${a.followUpOn ? escape(dateSv(a.followUpOn)) : '–'}${
        followed ? `<br>Status: ${ACTIVITY_STATUS_LABEL[a.status].toLowerCase()}` : ''
      }</td></tr>`;
    })
    .join('')}</tbody></table>`;
}

export function pledgeHtml(input: PledgeDocumentInput): string {
  const { pledge } = input;
  const parties = [pledge.parties.municipality, pledge.parties.police, ...pledge.parties.others];
  const background = pledge.background.trim()
    ? pledge.background
        .split(/\n\s*\n/)
        .map((p) => `<p>${lines(p.trim())}</p>`)
        .join('\n')
    : '<p><em>Bakgrunden är ännu inte skriven.</em></p>';
  const problems = pledge.problems
    .map(
      (p, i) => `<section class="problem"><h3>${i + 1}. ${escape(p.label)}</h3><p><em>${escape(p.evidence.explanation)}.</em></p>
<dl>${evidenceRows(p.evidence, input.threshold)
        .map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`)
        .join('')}</dl></section>`,
    )
    .join('\n');
  const chart = `<table class="chart"><thead><tr><th scope="col">Problem</th><th scope="col" class="num">Poäng</th><th scope="col"><img src="${png(input.chartAxis)}" width="240" height="18" alt="Skala 0–100 poäng"></th></tr></thead><tbody>${input.chart
    .map(
      (row) =>
        `<tr${row.chosen ? ' class="chosen"' : ''}><th scope="row">${escape(row.label)}${row.chosen ? ' (i löftet)' : ''}</th><td class="num">${formatNumber(row.score)}</td><td><img src="${png(row.bar)}" width="240" height="14" alt=""></td></tr>`,
    )
    .join('')}</tbody></table>`;
  const signed = pledge.signedAt ? dateSv(pledge.signedAt.slice(0, 10)) : null;
  return `<!doctype html>
<html lang="sv">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(pledge.title)} – utskrift</title>
<style>
  @page { size: A4; margin: 18mm 16mm; }
  body { font-family: Calibri, Carlito, 'DejaVu Sans', system-ui, sans-serif; color: #1b1f24; line-height: 1.45; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
  h1 { color: #1d4e89; font-size: 1.9rem; margin: 0.2rem 0 0.8rem; }
  h2 { color: #1d4e89; font-size: 1.35rem; margin-top: 2rem; border-bottom: 1px solid #d5dae1; }
  h3 { font-size: 1.1rem; margin: 1.2rem 0 0.3rem; }
  .kicker { color: #4a5563; font-style: italic; margin: 0; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.2rem 1.25rem; margin: 0.3rem 0 0; font-size: 0.95rem; }
  dt { font-weight: 700; }
  dd { margin: 0; }
  table { border-collapse: collapse; width: 100%; font-size: 0.9rem; margin: 0.5rem 0 1rem; }
  th, td { text-align: start; vertical-align: top; border: 1px solid #c5ccd6; padding: 0.3rem 0.45rem; }
  thead th { background: #dce6f2; }
  tbody th { font-weight: 400; }
  .chart td, .chart th { border-width: 0 0 1px; }
  .activities td:first-child { width: 24%; }
  .chosen th, .chosen td { font-weight: 700; }
  .num { text-align: end; white-space: nowrap; }
  .n { color: #4a5563; font-size: 0.85em; font-weight: 400; }
  .map img { width: 100%; max-width: 40rem; height: auto; border: 1px solid #c5ccd6; }
  .caption { font-size: 0.85rem; font-style: italic; color: #4a5563; }
  .signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 2.5rem 3rem; margin-top: 1.5rem; }
  .signature p { margin: 0; }
  .signature .line { border-bottom: 1px solid #1b1f24; height: 3rem; margin-bottom: 0.3rem; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
  @media print {
    body { margin: 0; max-width: none; }
    .activities-page { page-break-before: always; }
    tr, .problem, .signature { break-inside: avoid; }
    h2, h3 { break-after: avoid; }
  }
</style>
</head>
<body>
<header>
<p class="kicker">Medborgarlöfte · ${STATUS_LABEL[pledge.status]} · version ${pledge.version}</p>
<h1>${escape(pledge.title)}</h1>
<p><strong>Gäller:</strong> ${pledge.year} (1 januari – 31 december)<br>
<strong>Samverkan:</strong> ${escape(input.collaborationName)}${signed ? `<br><strong>Undertecknat:</strong> ${escape(signed)}` : ''}${
    pledge.snapshot
      ? `<br><strong>Underlag:</strong> lägesbilden ”${escape(pledge.snapshot.title)}”, ${escape(dateSv(pledge.snapshot.from))} – ${escape(dateSv(pledge.snapshot.to))}`
      : ''
  }</p>
<p><strong>Parter:</strong></p>
<ul>${parties.map((p) => `<li><strong>${escape(p.name)}</strong>${p.signatory ? `, genom ${escape(p.signatory.toLowerCase())}` : ''}</li>`).join('')}</ul>
</header>
<main>
<h2>Bakgrund</h2>
${background}
<h2>Prioriterade problem</h2>
<p>Löftet tar upp ${escape(listSv(pledge.problems.map((p) => p.label.toLowerCase())))}. Siffror som vilar på färre än ${input.threshold} personer eller händelser visas inte.</p>
${problems}
<h3>Problemens poäng i lägesbilden</h3>
<p class="caption">Poäng 0–100; fetstil och svarta staplar är problemen i löftet.</p>
${chart}
<h3>Karta över hot spots</h3>
<figure class="map"><img src="${png(input.map.png)}" width="1200" height="900" alt="Karta med samverkansområdets gräns, kommundelarna och ${input.map.hotCells} statistiskt säkra hot-spot-rutor om 250 meter för löftets problem.">
<figcaption class="caption">Hot spots (Getis-Ord Gi*, rutor om 250 m) ${escape(dateSv(pledge.baseline.from))} – ${escape(dateSv(pledge.baseline.to))}. Mörkröd: 99 % säkerhet, röd: 95 %, ljusröd: 90 %. Svart linje: gränsen; grå: kommundelar.${
    input.map.note ? ` ${escape(input.map.note)}` : ''
  }</figcaption></figure>
<section class="activities-page">
<h2>Aktiviteter</h2>
${activities(pledge)}
</section>
<h2>Uppföljning</h2>
<p>Samma frågor i trygghetsundersökningen vid utgångsläget och under löftets år. Andelar som vilar på färre än ${input.threshold} svarande visas inte.</p>
${results(input.results)}
<h2>Underskrifter</h2>
<div class="signatures">${parties
    .map(
      (p) =>
        `<div class="signature"><p>Ort och datum: ______________________</p><div class="line"></div><p><strong>${escape(p.signatory || 'Underskrift')}</strong></p><p>${escape(p.name)}</p></div>`,
    )
    .join('')}</div>
</main>
</body>
</html>`;
}
