// A title taken apart: country, organisation, portfolio and role group, so
// that two titles can be compared component by component ("US Defense
// Secretary" and "Israeli Defense Minister" agree on the portfolio and the
// role but not on the country).

import { COMPATIBLE_GROUPS, NATIONALITIES, ORGS, ORG_NAMES, PLACES, PORTFOLIOS, PORTFOLIO_SPELLINGS, ROLES } from './lexicon.js';
import { tokenize } from './text.js';

export interface TitleParts {
  country?: string;
  org?: string;
  portfolio?: string;
  role?: string;
  /** The role's group from titles.json ("spokesperson" for spokesman, press secretary, …). */
  group?: string;
  former: boolean;
}

export function parseTitle(title: string): TitleParts {
  const tokens = tokenize(title);
  const parts: TitleParts = { former: false };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'word') continue;
    if (t.lower === 'former' || t.lower === 'ex' || t.lower === 'then') {
      parts.former = true;
      continue;
    }
    const role = ROLES.at(tokens, i);
    const org = ORG_NAMES.at(tokens, i);
    const country = NATIONALITIES.at(tokens, i) ?? PLACES.at(tokens, i);
    const portfolio = PORTFOLIOS.at(tokens, i);
    // The longest reading wins: "Secretary of State" is a role, "State Department" an organisation.
    const best = [role, org, country, portfolio].filter(Boolean).sort((a, b) => b!.to - a!.to)[0];
    if (!best) continue;
    if (best === role) {
      parts.role = title.slice(tokens[role.from].start, tokens[role.to].end).toLowerCase();
      parts.group = role.value;
      // "defense minister" carries its portfolio inside the role.
      const inner = PORTFOLIOS.at(tokens, role.from);
      if (inner && inner.to < role.to) parts.portfolio = tokens.slice(inner.from, inner.to + 1).map((x) => x.lower).join(' ');
    } else if (best === org) {
      parts.org = org!.value;
      parts.country ??= ORGS.get(org!.value)?.country;
    } else if (best === country) parts.country = country!.value;
    else parts.portfolio = tokens.slice(portfolio!.from, portfolio!.to + 1).map((x) => x.lower).join(' ');
    i = best!.to;
  }
  parts.portfolio = parts.portfolio && normalizePortfolio(parts.portfolio);
  return parts;
}

function normalizePortfolio(p: string): string {
  return PORTFOLIO_SPELLINGS.get(p) ?? p;
}

/** Organisations are compatible when one is, or is part of, the other. */
function orgsCompatible(a: string, b: string): boolean {
  const chain = (id: string) => {
    const out = [id];
    let cur = ORGS.get(id)?.parent;
    while (cur && !out.includes(cur)) {
      out.push(cur);
      cur = ORGS.get(cur)?.parent;
    }
    return out;
  };
  const ca = chain(a);
  const cb = chain(b);
  return ca.includes(b) || cb.includes(a);
}

function groupsCompatible(a: string, b: string): boolean {
  return a === b || COMPATIBLE_GROUPS.some((g) => g.includes(a) && g.includes(b));
}

/** The first component on which two titles disagree, or undefined when they can both be right. */
export function titleConflict(a: TitleParts, b: TitleParts): 'country' | 'organisation' | 'role' | 'portfolio' | undefined {
  if (a.country && b.country && a.country !== b.country) return 'country';
  if (a.org && b.org && !orgsCompatible(a.org, b.org)) return 'organisation';
  if (a.group && b.group && !groupsCompatible(a.group, b.group)) return 'role';
  if (a.portfolio && b.portfolio && a.portfolio !== b.portfolio && a.group === b.group) return 'portfolio';
  return undefined;
}
