// Keys and plaintext buffers are overwritten as soon as they are no longer needed, so a later
// heap dump or swapped page is less likely to hold them. (JS strings cannot be wiped: keep secrets
// in Buffers wherever the API allows.)

/** Overwrites every given buffer with zeros. Accepts null/undefined for convenience in finally blocks. */
export function wipe(...buffers: (Uint8Array | null | undefined)[]): void {
  for (const b of buffers) b?.fill(0)
}
