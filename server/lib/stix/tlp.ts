/**
 * The TLP 2.0 marking-definitions published by OASIS (cti-stix-common-objects,
 * extension-definition-specifications/tlp-2.0): fixed ids and content that every
 * STIX 2.1 tool recognises, so they are copied, never generated.
 */
export const TLP2_EXTENSION_ID = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d";

const TLP2 = {
  "TLP:CLEAR": { id: "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", level: "clear" },
  "TLP:GREEN": { id: "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", level: "green" },
  "TLP:AMBER": { id: "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", level: "amber" },
  "TLP:AMBER+STRICT": { id: "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", level: "amber+strict" },
  "TLP:RED": { id: "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", level: "red" },
} as const;

export type TlpName = keyof typeof TLP2;

export function isTlpName(value: string): value is TlpName {
  return Object.hasOwn(TLP2, value);
}

/** The marking-definition object for a TLP 2.0 level. */
export function tlpMarking(name: TlpName) {
  const { id, level } = TLP2[name];
  return {
    type: "marking-definition" as const,
    spec_version: "2.1" as const,
    id,
    created: "2022-10-01T00:00:00.000Z",
    name,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: "property-extension", tlp_2_0: level } },
  };
}

/** The TLP name of a marking-definition id, if it is one of the TLP 2.0 ones. */
export function tlpNameOf(markingId: string): TlpName | null {
  for (const [name, m] of Object.entries(TLP2)) if (m.id === markingId) return name as TlpName;
  return null;
}
