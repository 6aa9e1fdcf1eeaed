import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

import type { Settings } from '@helmts/core';

// Every way a kubeconfig user can carry a bearer token names it with one of these keys (token,
// tokenFile, exec, auth-provider); a backslash may hide one in an escaped YAML string.
const TOKEN_KEYS = /token|exec|auth-provider|\\/i;

/**
 * False when no kubeconfig file the command would read can hold a bearer token: the common
 * client-certificate kubeconfig then costs no YAML parse (nor loading the YAML library) in a
 * command that connects to Tiller with --host. True means "parse it and see".
 */
export function kubeconfigMayHoldToken(settings: Settings): boolean {
  const paths = settings.kubeconfig
    ? settings.kubeconfig.split(delimiter).filter(Boolean)
    : [join(homedir(), '.kube', 'config')];
  return paths.some((path) => {
    try {
      return TOKEN_KEYS.test(readFileSync(path, 'utf8'));
    } catch {
      return false; // a missing file holds nothing (kubeconfig-access skips it too)
    }
  });
}
