// The hot-spot engine loops over millions of typed-array elements. With noUncheckedIndexedAccess every
// `xs[i]` reads as `number | undefined`; checking each one would cost time in the innermost loops and
// say nothing, because the loop bound is the array's length. So in the hot-loop files (see
// eslint.config.js) a non-null assertion is allowed on exactly that: an element of a typed array, or of
// an ArrayLike<number> parameter that callers fill with typed arrays. Any other `!` is still an error.
import ts from 'typescript';

const TYPED_ARRAYS = new Set([
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
]);

function isNumericArrayLike(type, checker) {
  if (type.isUnion()) return type.types.every((t) => isNumericArrayLike(t, checker));
  const name = (type.aliasSymbol ?? type.getSymbol())?.getName();
  if (name !== undefined && TYPED_ARRAYS.has(name)) return true;
  if (name !== 'ArrayLike') return false;
  const [element] = type.aliasTypeArguments ?? checker.getTypeArguments(type);
  return element !== undefined && (element.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) !== 0;
}

export default {
  meta: {
    type: 'problem',
    docs: { description: 'Allow `!` only on an element of a typed array (hot loops)' },
    messages: {
      notTypedArray:
        'A non-null assertion is allowed here only on a typed-array element. Handle the missing value instead (a check that throws, `??`, or `must()`).',
    },
    schema: [],
  },
  create(context) {
    const services = context.sourceCode.parserServices;
    if (!services?.program) throw new Error('typed-array-index-assertion needs type information (projectService)');
    const checker = services.program.getTypeChecker();
    return {
      TSNonNullExpression(node) {
        const target = node.expression;
        if (target.type === 'MemberExpression' && target.computed) {
          const type = services.getTypeAtLocation(target.object);
          if (isNumericArrayLike(type, checker)) return;
        }
        context.report({ node, messageId: 'notTypedArray' });
      },
    };
  },
};
