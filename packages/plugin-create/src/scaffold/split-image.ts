/** Splits `repo:tag` (a colon after the last slash; a registry's `host:port/` is not a tag). */
export function splitImage(image: string): [repository: string, tag: string | undefined] {
  const tagAt = image.lastIndexOf(':');
  if (tagAt <= 0 || tagAt < image.lastIndexOf('/')) return [image, undefined];
  return [image.slice(0, tagAt), image.slice(tagAt + 1)];
}
