import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const CLI = fileURLToPath(new URL('../bin/run.js', import.meta.url))

export interface CliResult {
  status: number | null
  stdout: string
  stderr: string
}

/** Runs the real `helmts` binary in a child process, as a user would. */
export function runCli(args: string[], env: Record<string, string | undefined> = {}, cwd?: string, bin = CLI): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    cwd,
    env: {...process.env, NO_COLOR: '1', ...env},
    timeout: 120_000,
  })
  return {status: result.status, stdout: result.stdout, stderr: result.stderr}
}
