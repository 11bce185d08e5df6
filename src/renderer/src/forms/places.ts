// Choices for where a customer contracted: country, region as date-holidays names it, and the
// usual zone. Defaults to save typing; every value stays editable on the form.
export type Place = { country: string; label: string; region: string | null; timeZone: string };

export const places: readonly Place[] = [
  { country: 'CH', label: 'Switzerland', region: 'SG', timeZone: 'Europe/Zurich' },
  { country: 'DE', label: 'Germany', region: 'BE', timeZone: 'Europe/Berlin' },
  { country: 'AT', label: 'Austria', region: null, timeZone: 'Europe/Vienna' },
  { country: 'FR', label: 'France', region: null, timeZone: 'Europe/Paris' },
  { country: 'GB', label: 'United Kingdom', region: 'ENG', timeZone: 'Europe/London' },
  { country: 'NL', label: 'Netherlands', region: null, timeZone: 'Europe/Amsterdam' },
  { country: 'US', label: 'United States', region: 'NY', timeZone: 'America/New_York' },
  { country: 'CA', label: 'Canada', region: 'ON', timeZone: 'America/Toronto' },
  { country: 'BR', label: 'Brazil', region: 'SP', timeZone: 'America/Sao_Paulo' },
  { country: 'SG', label: 'Singapore', region: null, timeZone: 'Asia/Singapore' },
  { country: 'JP', label: 'Japan', region: null, timeZone: 'Asia/Tokyo' },
  { country: 'AU', label: 'Australia', region: 'NSW', timeZone: 'Australia/Sydney' },
  { country: 'IN', label: 'India', region: null, timeZone: 'Asia/Kolkata' },
];

export const countryOptions = places.map((place) => ({
  value: place.country,
  label: `${place.label} (${place.country})`,
}));

let zones: string[] | null = null;

/** Every IANA zone this browser knows, for the zone pickers. */
export function zoneOptions(): string[] {
  zones ??= Intl.supportedValuesOf('timeZone');
  return zones;
}
