import { RepoError } from '../errors.js';

/** A chart's provenance could not be made or does not check out; the message is Helm 2's. */
export class ProvenanceError extends RepoError {}

/** A failed file operation in Go's words (`open PATH: no such file or directory`), as Helm 2 reports it. */
export { goPathError } from '@helmts/chart';
