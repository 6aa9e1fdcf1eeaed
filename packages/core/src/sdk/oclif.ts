/**
 * The one place the SDK takes oclif from. Everything else in core imports oclif through here,
 * so the CLI loads a single copy of it.
 */
export {Args, Command, Flags, type Hook, type Interfaces} from '@oclif/core'
