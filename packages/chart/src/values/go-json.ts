// Go's encoding/json decoding lives in @helmts/goyaml, shared with the template functions.
export { decodeJson, decodeJsonPrefix, GoJsonError } from '@helmts/goyaml';
