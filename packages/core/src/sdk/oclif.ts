/**
 * The one place the SDK takes oclif from: the bundled copy in dist/oclif-bundle (see
 * scripts/bundle-oclif.mjs), loaded with require so that the CLI's entry point, the SDK and every
 * plugin that imports oclif through the SDK share one instance, compiled from the code cache. A
 * relative path (from src/ in tests, dist/ when built), not a `#` import: resolving package
 * imports costs ~1 ms at each start.
 */
import { createRequire } from 'node:module';

import type * as Oclif from '@oclif/core';

const oclif = createRequire(import.meta.url)('../../dist/oclif-bundle/core.cjs') as typeof Oclif;

export const Args: typeof Oclif.Args = oclif.Args;
export const Command: typeof Oclif.Command = oclif.Command;
export type Command = Oclif.Command;
export const Flags: typeof Oclif.Flags = oclif.Flags;
export type { Hook, Interfaces } from '@oclif/core';
