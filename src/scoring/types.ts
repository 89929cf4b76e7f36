/** Identifiers of the methods in the catalogue (see methods.ts). */
export type MethodId =
  | 'hhi'
  | 'hhi-wgi'
  | 'eu-supply-risk'
  | 'import-dependency'
  | 'supplier-exposure'
  | 'bloc-alignment'
  | 'chokepoint'
  | 'disruption'
  | 'export-controls';

/** Carried by every result so a number can always be traced to the method and version that produced it. */
export interface MethodRef {
  id: MethodId;
  version: string;
}

/** Returned instead of a score when the inputs cannot support one: missing data is never read as zero. */
export interface InsufficientData {
  status: 'insufficient_data';
  reason: string;
  method: MethodRef;
}

/** A country's share of a total, in percent (0–100). */
export interface CountryShare {
  country: string;
  share: number;
}

export interface MethodDefinition {
  id: MethodId;
  version: string;
  name: string;
  summary: string;
  formula: string;
  variables: { symbol: string; meaning: string }[];
  thresholds: { name: string; value: number; meaning: string }[];
  references: { citation: string; note?: string }[];
  caveats: string[];
}
