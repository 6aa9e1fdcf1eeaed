/**
 * What npm's error output says went wrong, as the one line helmts prints. npm writes a screenful
 * (`npm error code E404`, the request, advice, the log file); the user needs the cause and the name.
 */
export function describeNpmFailure(stderr: string, subject: string): string {
  const lines = stderr
    .split('\n')
    .map((line) => /^npm (?:error|ERR!) ?(.*)$/.exec(line)?.[1]?.trim())
    .filter((line): line is string => line !== undefined && line !== '');
  const code = lines.find((line) => line.startsWith('code '))?.slice(5);
  const text = lines.join('\n');
  const request = /\b(GET|PUT) (https?:\/\/\S+)/.exec(text);
  const url = request ? decodeURIComponent(request[2]) : undefined;
  if (code === 'E404') {
    const missing = /The requested resource '([^']+)' could not be found/.exec(text)?.[1];
    return missing && !missing.startsWith(subject)
      ? `cannot install ${subject}: its dependency ${missing} is not on the npm registry${url ? ` (${url})` : ''}`
      : `${subject} is not on the npm registry${url ? ` (${url})` : ''}`;
  }
  if (code === 'ETARGET') {
    const wanted = /No matching version found for (\S+?)\.?$/m.exec(text)?.[1];
    return wanted && !wanted.startsWith(`${subject}@`)
      ? `cannot install ${subject}: no published version of its dependency matches ${wanted}`
      : `no published version matches ${wanted ?? subject}`;
  }
  const status = /^(\d{3}) ([^-\n]*?) - (?:GET|PUT) /m.exec(text);
  if (code && /^E5\d\d$/.test(code) && status)
    return `the npm registry answered "${status[1]} ${status[2]}" for ${url ?? subject}: it is failing, try again later`;
  const unreachable = /request to (\S+) failed, reason: (.*)$/m.exec(text);
  if (unreachable)
    return `cannot reach the npm registry: ${decodeURIComponent(unreachable[1])} failed (${unreachable[2].trim()})`;
  if (code === 'ENOENT' || code === 'EUNSUPPORTEDPROTOCOL' || code === 'EINVALIDTAGNAME') {
    const detail = lines.find(
      (line) => !line.startsWith('code ') && !line.startsWith('errno ') && !line.startsWith('syscall '),
    );
    return `cannot read ${subject}: ${detail ?? code}`;
  }
  const last = lines.filter((line) => !/^(code|errno|syscall|path) |complete log of this run/.test(line)).shift();
  return `npm could not install ${subject}: ${last ?? code ?? 'it failed without saying why'}`;
}
