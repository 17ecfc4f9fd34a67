// A feature reaches another feature only through its service, never its repository: the
// repository is the owner's private set of queries, and a query written elsewhere is how a
// table ends up with several owners (issue 13). This rule refuses, in a file under
// server/src/features/<feature>/, any import, re-export or dynamic import of a module named
// `*-repository` in another feature's folder. Paths are resolved, so nested folders
// (demo/generator/…) count as their feature. `allow` lists shared facilities, as
// '<feature>/<module>' without extension.
import path from 'node:path';

const FEATURES = `${path.sep}server${path.sep}src${path.sep}features${path.sep}`;

/** The feature folder and module path (no extension) of a file under server/src/features, else undefined. */
function locate(file) {
  const at = file.lastIndexOf(FEATURES);
  if (at < 0) return undefined;
  const inner = file.slice(at + FEATURES.length).split(path.sep);
  if (inner.length < 2) return undefined;
  const module = inner.join('/').replace(/\.(?:[cm]?[jt]s)$/, '');
  return { feature: inner[0], module };
}

export default {
  meta: {
    type: 'problem',
    docs: { description: "Refuse importing another feature's repository; call its service" },
    messages: {
      foreignRepository:
        "'{{source}}' is a repository, private to the {{owner}} feature: call that feature's service instead (or add the query there).",
    },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const here = locate(path.resolve(context.filename));
    if (!here) return {};
    const allow = new Set(context.options[0]?.allow ?? []);
    const dir = path.dirname(path.resolve(context.filename));

    function check(node) {
      const source = node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
      if (!source || !source.startsWith('.')) return;
      const target = locate(path.resolve(dir, source));
      if (!target || target.feature === here.feature) return;
      if (!/-repository$/.test(target.module) || allow.has(target.module)) return;
      context.report({ node, messageId: 'foreignRepository', data: { source, owner: target.feature } });
    }

    return {
      ImportDeclaration: (node) => check(node.source),
      ExportNamedDeclaration: (node) => check(node.source),
      ExportAllDeclaration: (node) => check(node.source),
      ImportExpression: (node) => check(node.source),
    };
  },
};
