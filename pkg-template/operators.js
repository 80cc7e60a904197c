// drizzle's operators, conditions and aggregates: each a function node whose operands become
// nodes only when a statement is described.
import { kind } from './entity.js';
import { SQL, toNode } from './sql.js';

/** A function node. Its operands become nodes only when a statement is described (`args` is a
 * thunk), so that values become slots then: an operator built before `.where(…)` never puts its
 * values into the statement's shape. */
function fn(name, args) {
  const s = new SQL([]);
  s._base = (cx) => `{"f":"${name}","a":[${args(cx).join(',')}]}`;
  return s;
}
function checkLeft(name, l) {
  if (l === undefined) throw new TypeError(`${name}(): the left operand is undefined (a column the table does not have?)`);
}
const colOf = (l) => (l?.[kind] === 'column' ? l : undefined);
const bin = (name) => (l, r) => {
  checkLeft(name, l);
  return fn(name, (cx) => [toNode(l, undefined, cx), toNode(r, colOf(l), cx)]);
};
export const eq = bin('eq');
export const ne = bin('ne');
export const gt = bin('gt');
export const gte = bin('gte');
export const lt = bin('lt');
export const lte = bin('lte');
const plain = (name) => (...ops) => fn(name, (cx) => ops.map((x) => toNode(x, undefined, cx)));
export const like = plain('like');
export const notLike = plain('notLike');
export const ilike = plain('ilike');
export const notIlike = plain('notIlike');
const inList = (name) => (l, values) =>
  fn(name, (cx) => [toNode(l, undefined, cx), Array.isArray(values) ? `[${values.map((v) => toNode(v, colOf(l), cx)).join(',')}]` : toNode(values, undefined, cx)]);
export const inArray = inList('inArray');
export const notInArray = inList('notInArray');
export const isNull = plain('isNull');
export const isNotNull = plain('isNotNull');
export const exists = plain('exists');
export const notExists = plain('notExists');
export const between = (l, a, b) => fn('between', (cx) => [toNode(l, undefined, cx), toNode(a, l, cx), toNode(b, l, cx)]);
export const notBetween = (l, a, b) => fn('notBetween', (cx) => [toNode(l, undefined, cx), toNode(a, l, cx), toNode(b, l, cx)]);
const logical = (name) => (...c) => {
  const list = c.filter((x) => x !== undefined);
  return list.length ? plain(name)(...list) : undefined;
};
export const and = logical('and');
export const or = logical('or');
export const not = plain('not');
const arrayOp = (name) => (l, v) => {
  if (Array.isArray(v) && v.length === 0) throw new Error(`${name} requires at least one value`);
  return fn(name, (cx) => [toNode(l, undefined, cx), toNode(v, l, cx)]);
};
export const arrayContains = arrayOp('arrayContains');
export const arrayContained = arrayOp('arrayContained');
export const arrayOverlaps = arrayOp('arrayOverlaps');
// drizzle: an array is sent as its JSON text, a parameter like any other value (never part of
// the shape: an embedding is a slot).
const vec = (name) => (c, v) => fn(name, (cx) => [toNode(c, undefined, cx), toNode(Array.isArray(v) ? JSON.stringify(v) : v, undefined, cx)]);
export const l2Distance = vec('l2Distance');
export const l1Distance = vec('l1Distance');
export const innerProduct = vec('innerProduct');
export const cosineDistance = vec('cosineDistance');
export const hammingDistance = vec('hammingDistance');
export const jaccardDistance = vec('jaccardDistance');
export const asc = plain('asc');
export const desc = plain('desc');
const agg = (name, decoder) => (e) => {
  const s = e === undefined ? plain(name)() : plain(name)(e);
  s._decoder = decoder === 'number' ? Number : String;
  return s;
};
export const count = agg('count', 'number');
export const countDistinct = agg('countDistinct', 'number');
export const sum = agg('sum', 'string');
export const sumDistinct = agg('sumDistinct', 'string');
export const avg = agg('avg', 'string');
export const avgDistinct = agg('avgDistinct', 'string');
export const min = (e) => withColumnDecoder(plain('min')(e), e);
export const max = (e) => withColumnDecoder(plain('max')(e), e);
function withColumnDecoder(s, e) {
  if (e?.[kind] === 'column') s._decoder = (v) => e._decode(v);
  else s._decoder = String;
  return s;
}
