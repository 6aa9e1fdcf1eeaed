import { decodeJson } from '@helmts/goyaml';

/**
 * encoding/json Unmarshal into interface{}: objects -> maps, arrays -> slices, numbers -> float64,
 * with Go's error wording (json.Unmarshal's: `unexpected end of JSON input`).
 */
export function goJsonUnmarshal(text: string): unknown {
  return decodeJson(text, { eof: 'unmarshal' });
}
