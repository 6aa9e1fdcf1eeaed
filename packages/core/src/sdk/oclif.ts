/**
 * The one place the SDK takes oclif from: the bundled copy in dist/oclif-bundle (see
 * scripts/bundle-oclif.mjs), loaded with require so that the CLI's entry point, the SDK and every
 * plugin that imports oclif through the SDK share one instance, compiled from the code cache.
 */
import { createRequire } from 'node:module';

import type * as Oclif from '@oclif/core';

const oclif = createRequire(import.meta.url)('#oclif') as typeof Oclif;

export const Args: typeof Oclif.Args = oclif.Args;
export const Command: typeof Oclif.Command = oclif.Command;
export type Command = Oclif.Command;
export const Flags: typeof Oclif.Flags = oclif.Flags;
export type { Hook, Interfaces } from '@oclif/core';
