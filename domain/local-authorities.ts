// English local authorities with their DfE three-digit codes (data/english-local-authorities, with its
// SOURCE.md): the host LA of an out-of-borough placement is one of them.
import rows from '../data/english-local-authorities/english-local-authorities.json';

export interface LocalAuthority {
  /** DfE three-digit LA code, as `hostLaCode` stores it. */
  code: string;
  name: string;
  /** ONS GSS code (E06 unitary, E08 metropolitan, E09 London, E10 county). */
  gssCode: string;
  region: string;
}

export const ENGLISH_LOCAL_AUTHORITIES: readonly LocalAuthority[] = rows;

const BY_CODE = new Map(ENGLISH_LOCAL_AUTHORITIES.map((la) => [la.code, la]));

export const localAuthority = (code: string): LocalAuthority | undefined => BY_CODE.get(code);

/** "808 Stockton-on-Tees" for a known code, the code alone otherwise. */
export const localAuthorityLabel = (code: string): string => {
  const la = BY_CODE.get(code);
  return la ? `${la.code} ${la.name}` : code;
};

/** Authorities whose code starts with, or whose name or region contains, the text (any case). */
export function searchLocalAuthorities(text: string): LocalAuthority[] {
  const query = text.trim().toLowerCase();
  if (query === '') return [...ENGLISH_LOCAL_AUTHORITIES];
  return ENGLISH_LOCAL_AUTHORITIES.filter(
    (la) =>
      la.code.startsWith(query) ||
      la.name.toLowerCase().includes(query) ||
      la.region.toLowerCase().includes(query),
  );
}
