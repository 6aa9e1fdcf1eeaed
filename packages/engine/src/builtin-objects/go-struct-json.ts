/**
 * A Go struct's JSON form: an object that is not a plain map, so its keys keep their order (a
 * plain object is marshalled like a Go map, with sorted keys).
 */
export class GoStructJSON {
  constructor(fields: Record<string, unknown>) {
    Object.assign(this, fields);
  }
}
