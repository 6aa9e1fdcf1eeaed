import { RepoError } from '../errors.js';

/** A chart's provenance could not be made or does not check out; the message is Helm 2's. */
export class ProvenanceError extends RepoError {}
