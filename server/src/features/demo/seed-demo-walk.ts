import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { areaIdByName } from '../areas/area-service';
import { createWalk } from '../walks/walk-service';
import { putStop } from '../walks/walk-stop-service';
import { demoPlaces } from './generator/generate-demo';
import { must } from '@lagesbild/shared';

const DAY = 86_400_000;

/**
 * A safety walk in the centre three weeks ago, recorded by the demo coordinator: three stops
 * with ratings, two of them with suggested actions still open, so the walks page has a walk
 * and the pledge draft has walk actions to take up.
 */
export async function seedDemoWalk(
  db: Kysely<Database>,
  collaborationId: string,
  coordinatorId: string,
  today = new Date(),
): Promise<void> {
  const actor = { userId: coordinatorId, collaborationId };
  const walk = await createWalk(db, actor, {
    title: 'Kvällsvandring i centrum',
    areaId: await areaIdByName(db, collaborationId, 'Centrum'),
    walkedOn: new Date(today.getTime() - 21 * DAY).toISOString().slice(0, 10),
    light: 'dark',
    participants: 12,
    partners: ['Värnamo kommun, gatuavdelningen', 'Polisen', 'Bostadsbolaget'],
  });
  const place = new Map(demoPlaces().map((p) => [p.name, p]));
  const at = (name: string) => {
    const { lat, lon } = must(place.get(name), `the demo place ${name}`);
    return { lat, lon };
  };
  const stops = [
    {
      ...at('Värnamo resecentrum'),
      ratings: { lighting: 1, openness: 1, visibility: 2, people: 1, security: 1, walk_path: 2, transport: 3, mixed_use: 1, feeling: 1 },
      notes: 'Mörkt vid cykelparkeringen, ungdomar samlas sent.',
      action: {
        text: 'Trygghetsrundor vid resecentrum fredagar och lördagar',
        owner: 'police' as const,
        ownerName: 'Lokalpolisområde Värnamo',
      },
    },
    {
      ...at('Stadsparken'),
      ratings: { lighting: 0, openness: 1, visibility: 1, people: 1, security: 1, walk_path: 2, transport: 2, mixed_use: 1, feeling: 1 },
      notes: 'Gångvägen genom parken är helt mörk efter kl. 18.',
      action: { text: 'Ny belysning längs gångvägen genom Stadsparken', owner: 'municipality' as const, ownerName: 'Gatuavdelningen' },
    },
    {
      ...at('Stora torget'),
      ratings: { lighting: 3, openness: 3, visibility: 3, people: 2, security: 2, walk_path: 3, transport: 3, mixed_use: 3, feeling: 3 },
      notes: 'Upplevs tryggt, bra belysning.',
    },
  ];
  for (const stop of stops) await putStop(db, actor, walk.id, randomUUID(), stop);
}
