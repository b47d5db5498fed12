// Client-side mirrors of the server's input rules, so mistakes show before a round trip.
// The server remains the judge; these only have to agree with docs/API.md.

/** At least 8 characters, with at least one letter and one digit. */
export function isAcceptablePassword(p: string): boolean {
  return p.length >= 8 && /\p{L}/u.test(p) && /\p{Nd}/u.test(p);
}

/** 3–64 characters of a-z 0-9 . _ - */
export function isValidUsername(u: string): boolean {
  return /^[a-z0-9._-]{3,64}$/.test(u);
}
