/**
 * A validator of STIX 2.1 bundles, written from the OASIS specification
 * (STIX Version 2.1, Committee Specification / OASIS Standard, 2021) because no
 * maintained JavaScript validator exists (the reference one, stix2-validator, is
 * Python). It checks what an exchange partner relies on:
 *
 * - the bundle: type "bundle", an id "bundle--<uuid>", an objects list, and none
 *   of the properties STIX 2.0 had on it (spec_version);
 * - every object: a type of [a-z0-9-], an id "<type>--<RFC 4122 uuid>",
 *   spec_version "2.1", the common properties its kind requires (created and
 *   modified for domain and relationship objects, created for marking
 *   definitions), timestamps "YYYY-MM-DDTHH:MM:SS[.s+]Z" with created and
 *   modified to the millisecond, created ≤ modified, confidence 0–100;
 * - each type's required properties (report: name, published, object_refs; note:
 *   content, object_refs; opinion: a value of opinion-enum and object_refs;
 *   location: a region, a country or coordinates; relationship: relationship_type,
 *   source_ref, target_ref; sighting; marking-definition; …);
 * - references: created_by_ref names an identity, object_marking_refs name
 *   marking definitions, and these, object_refs, source/target refs and sighting
 *   refs all resolve within the bundle (stricter than the specification, which
 *   allows references to objects held elsewhere: an export must stand alone);
 * - relationship types: the generic ones (related-to, derived-from, duplicate-of)
 *   between any two objects, the others only between the types the specification
 *   lists them for;
 * - external references: a source_name and at least one of description, url, external_id;
 * - property names: anything not defined for the type is a custom property and
 *   must match ^x_[a-z0-9_]{3,250}$.
 */

export type StixIssue = { id: string | null; message: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TYPE = /^[a-z0-9][a-z0-9-]{1,248}[a-z0-9]$/;
const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?Z$/;
const MILLISECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CUSTOM = /^x_[a-z0-9_]{3,250}$/;
const RELATIONSHIP_TYPE = /^[a-z0-9-]{3,250}$/;

const COMMON = [
  "type",
  "spec_version",
  "id",
  "created_by_ref",
  "created",
  "modified",
  "revoked",
  "labels",
  "confidence",
  "lang",
  "external_references",
  "object_marking_refs",
  "granular_markings",
  "extensions",
];

/** Type-specific properties (STIX 2.1 sections 4–7), the required ones first. */
const TYPES: Record<string, { kind: "sdo" | "sro" | "smo"; required: string[]; optional: string[] }> = {
  "attack-pattern": { kind: "sdo", required: ["name"], optional: ["description", "aliases", "kill_chain_phases"] },
  campaign: {
    kind: "sdo",
    required: ["name"],
    optional: ["description", "aliases", "first_seen", "last_seen", "objective"],
  },
  "course-of-action": { kind: "sdo", required: ["name"], optional: ["description", "action"] },
  grouping: { kind: "sdo", required: ["context", "object_refs"], optional: ["name", "description"] },
  identity: {
    kind: "sdo",
    required: ["name"],
    optional: ["description", "roles", "identity_class", "sectors", "contact_information"],
  },
  incident: { kind: "sdo", required: ["name"], optional: ["description", "kill_chain_phases"] },
  indicator: {
    kind: "sdo",
    required: ["pattern", "pattern_type", "valid_from"],
    optional: ["name", "description", "indicator_types", "pattern_version", "valid_until", "kill_chain_phases"],
  },
  infrastructure: {
    kind: "sdo",
    required: ["name"],
    optional: ["description", "infrastructure_types", "aliases", "kill_chain_phases", "first_seen", "last_seen"],
  },
  "intrusion-set": {
    kind: "sdo",
    required: ["name"],
    optional: [
      "description",
      "aliases",
      "first_seen",
      "last_seen",
      "goals",
      "resource_level",
      "primary_motivation",
      "secondary_motivations",
    ],
  },
  location: {
    kind: "sdo",
    required: [],
    optional: [
      "name",
      "description",
      "latitude",
      "longitude",
      "precision",
      "region",
      "country",
      "administrative_area",
      "city",
      "street_address",
      "postal_code",
    ],
  },
  malware: {
    kind: "sdo",
    required: ["is_family"],
    optional: [
      "name",
      "description",
      "malware_types",
      "aliases",
      "kill_chain_phases",
      "first_seen",
      "last_seen",
      "operating_system_refs",
      "architecture_execution_envs",
      "implementation_languages",
      "capabilities",
      "sample_refs",
    ],
  },
  note: { kind: "sdo", required: ["content", "object_refs"], optional: ["abstract", "authors"] },
  "observed-data": {
    kind: "sdo",
    required: ["first_observed", "last_observed", "number_observed"],
    optional: ["objects", "object_refs"],
  },
  opinion: { kind: "sdo", required: ["opinion", "object_refs"], optional: ["explanation", "authors"] },
  report: { kind: "sdo", required: ["name", "published", "object_refs"], optional: ["description", "report_types"] },
  "threat-actor": {
    kind: "sdo",
    required: ["name"],
    optional: [
      "description",
      "threat_actor_types",
      "aliases",
      "first_seen",
      "last_seen",
      "roles",
      "goals",
      "sophistication",
      "resource_level",
      "primary_motivation",
      "secondary_motivations",
      "personal_motivations",
    ],
  },
  tool: {
    kind: "sdo",
    required: ["name"],
    optional: ["description", "tool_types", "aliases", "kill_chain_phases", "tool_version"],
  },
  vulnerability: { kind: "sdo", required: ["name"], optional: ["description"] },
  relationship: {
    kind: "sro",
    required: ["relationship_type", "source_ref", "target_ref"],
    optional: ["description", "start_time", "stop_time"],
  },
  sighting: {
    kind: "sro",
    required: ["sighting_of_ref"],
    optional: [
      "description",
      "first_seen",
      "last_seen",
      "count",
      "observed_data_refs",
      "where_sighted_refs",
      "summary",
    ],
  },
  "marking-definition": { kind: "smo", required: [], optional: ["name", "definition_type", "definition"] },
};

const OPINIONS = ["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"];
const GENERIC_RELATIONSHIPS = ["related-to", "derived-from", "duplicate-of"];

/** The specification's relationships (section 4, "Relationships" of each object), source type → type → targets. */
const RELATIONSHIPS: Record<string, Record<string, string[]>> = {
  "threat-actor": {
    "attributed-to": ["identity"],
    impersonates: ["identity"],
    "located-at": ["location"],
    targets: ["identity", "location", "vulnerability"],
    uses: ["attack-pattern", "infrastructure", "malware", "tool"],
    compromises: ["infrastructure"],
    hosts: ["infrastructure"],
    owns: ["infrastructure"],
  },
  "intrusion-set": {
    "attributed-to": ["threat-actor"],
    "originates-from": ["location"],
    targets: ["identity", "location", "vulnerability"],
    uses: ["attack-pattern", "infrastructure", "malware", "tool"],
    compromises: ["infrastructure"],
    hosts: ["infrastructure"],
    owns: ["infrastructure"],
  },
  campaign: {
    "attributed-to": ["intrusion-set", "threat-actor"],
    "originates-from": ["location"],
    targets: ["identity", "location", "vulnerability"],
    uses: ["attack-pattern", "infrastructure", "malware", "tool"],
    compromises: ["infrastructure"],
  },
  identity: { "located-at": ["location"] },
  malware: {
    "authored-by": ["threat-actor", "intrusion-set"],
    "originates-from": ["location"],
    targets: ["identity", "infrastructure", "location", "vulnerability"],
    uses: ["attack-pattern", "infrastructure", "malware", "tool"],
  },
  indicator: {
    indicates: ["attack-pattern", "campaign", "infrastructure", "intrusion-set", "malware", "threat-actor", "tool"],
  },
  infrastructure: { "located-at": ["location"] },
  "attack-pattern": { targets: ["identity", "location", "vulnerability"], uses: ["malware", "tool"] },
};

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const typeOfId = (id: string) => id.slice(0, id.indexOf("--"));

function isIdentifier(v: unknown): v is string {
  if (typeof v !== "string") return false;
  const at = v.indexOf("--");
  return at > 0 && TYPE.test(v.slice(0, at)) && UUID.test(v.slice(at + 2));
}

function isTimestamp(v: unknown): v is string {
  if (typeof v !== "string") return false;
  const m = TIMESTAMP.exec(v);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s! === 60 ? 59 : s!));
  return date.getUTCMonth() === mo! - 1 && date.getUTCDate() === d! && h! < 24 && mi! < 60 && s! <= 60;
}

function checkExternalReferences(value: unknown, issue: (m: string) => void) {
  if (!Array.isArray(value) || value.length === 0) return issue("external_references must be a non-empty list");
  value.forEach((ref, i) => {
    if (!isObject(ref)) return issue(`external_references[${i}] must be an object`);
    if (typeof ref.source_name !== "string" || !ref.source_name) issue(`external_references[${i}] needs a source_name`);
    if (ref.description === undefined && ref.url === undefined && ref.external_id === undefined)
      issue(`external_references[${i}] needs a description, url or external_id`);
  });
}

export function validateStixBundle(bundle: unknown): StixIssue[] {
  const issues: StixIssue[] = [];
  if (!isObject(bundle)) return [{ id: null, message: "A bundle is a JSON object" }];
  if (bundle.type !== "bundle") issues.push({ id: null, message: 'The bundle\'s type must be "bundle"' });
  if (typeof bundle.id !== "string" || !isIdentifier(bundle.id) || typeOfId(bundle.id) !== "bundle")
    issues.push({ id: null, message: "The bundle's id must be bundle--<uuid>" });
  if ("spec_version" in bundle) issues.push({ id: null, message: "A STIX 2.1 bundle has no spec_version" });
  for (const key of Object.keys(bundle))
    if (!["type", "id", "objects"].includes(key) && !CUSTOM.test(key))
      issues.push({ id: null, message: `The bundle property ${key} is not defined and not a valid custom name` });
  if (bundle.objects === undefined) return issues;
  if (!Array.isArray(bundle.objects)) return [...issues, { id: null, message: "objects must be a list" }];

  const objects = bundle.objects as unknown[];
  const byId = new Map<string, Record<string, unknown>>();
  for (const o of objects) {
    if (!isObject(o) || typeof o.id !== "string") continue;
    const prior = byId.get(o.id);
    if (prior && prior.modified === o.modified)
      issues.push({ id: o.id, message: "Two objects share this id and modified time" });
    byId.set(o.id, o);
  }

  for (const o of objects) {
    if (!isObject(o)) {
      issues.push({ id: null, message: "Every object in a bundle is a JSON object" });
      continue;
    }
    const id = typeof o.id === "string" ? o.id : null;
    const issue = (message: string) => issues.push({ id, message });
    const type = o.type;
    if (typeof type !== "string" || !TYPE.test(type)) {
      issue("type must be 3–250 characters of a–z, 0–9 and hyphens");
      continue;
    }
    if (!isIdentifier(o.id) || typeOfId(o.id) !== type) issue(`id must be ${type}--<uuid>`);
    const spec = TYPES[type];
    if (!spec) {
      // A custom object (2.1 allows them) is checked for its common properties only.
      if (!type.startsWith("x-")) issue(`${type} is not a STIX 2.1 object type`);
    }
    if (o.spec_version !== "2.1") issue('spec_version must be "2.1"');

    const kind = spec?.kind ?? "sdo";
    if (kind !== "smo" || o.created !== undefined) {
      if (!isTimestamp(o.created)) issue("created must be a timestamp such as 2016-05-12T08:17:27.000Z");
      else if (!MILLISECOND.test(o.created)) issue("created must be precise to the millisecond");
    }
    if (kind !== "smo") {
      if (!isTimestamp(o.modified)) issue("modified must be a timestamp such as 2016-05-12T08:17:27.000Z");
      else if (!MILLISECOND.test(o.modified)) issue("modified must be precise to the millisecond");
      else if (isTimestamp(o.created) && Date.parse(o.modified) < Date.parse(o.created))
        issue("modified must not be earlier than created");
    } else if (o.modified !== undefined) issue("a marking definition has no modified");

    if (o.created_by_ref !== undefined) {
      if (!isIdentifier(o.created_by_ref) || typeOfId(o.created_by_ref) !== "identity")
        issue("created_by_ref must be an identity id");
      else if (!byId.has(o.created_by_ref)) issue(`created_by_ref ${o.created_by_ref} is not in the bundle`);
    }
    if (o.object_marking_refs !== undefined) {
      if (!Array.isArray(o.object_marking_refs) || o.object_marking_refs.length === 0)
        issue("object_marking_refs must be a non-empty list");
      else
        for (const ref of o.object_marking_refs) {
          if (!isIdentifier(ref) || typeOfId(ref) !== "marking-definition")
            issue("object_marking_refs must name marking definitions");
          else if (!byId.has(ref)) issue(`The marking ${ref} is not in the bundle`);
        }
    }
    if (o.external_references !== undefined) checkExternalReferences(o.external_references, issue);
    if (o.labels !== undefined && (!Array.isArray(o.labels) || o.labels.some((l) => typeof l !== "string")))
      issue("labels must be a list of strings");
    if (
      o.confidence !== undefined &&
      (!Number.isInteger(o.confidence) || (o.confidence as number) < 0 || (o.confidence as number) > 100)
    )
      issue("confidence must be an integer from 0 to 100");
    if (o.revoked !== undefined && typeof o.revoked !== "boolean") issue("revoked must be true or false");

    const known = new Set([...COMMON, ...(spec?.required ?? []), ...(spec?.optional ?? [])]);
    for (const key of Object.keys(o))
      if (!known.has(key) && !CUSTOM.test(key)) issue(`${key} is not a ${type} property, nor a valid custom name`);
    for (const req of spec?.required ?? []) if (o[req] === undefined) issue(`${type} requires ${req}`);

    const refsResolve = (name: string, allowed?: string[]) => {
      const value = o[name];
      if (value === undefined) return;
      if (!Array.isArray(value) || value.length === 0) return issue(`${name} must be a non-empty list`);
      for (const ref of value) {
        if (!isIdentifier(ref)) issue(`${name} holds ${String(ref)}, which is not an id`);
        else if (allowed && !allowed.includes(typeOfId(ref))) issue(`${name} may not name a ${typeOfId(ref)}`);
        else if (!byId.has(ref)) issue(`${name} names ${ref}, which is not in the bundle`);
      }
    };

    switch (type) {
      case "report":
        if (o.published !== undefined && !isTimestamp(o.published)) issue("published must be a timestamp");
        if (typeof o.name !== "string" || !o.name) issue("a report needs a name");
        refsResolve("object_refs");
        break;
      case "note":
      case "grouping":
        refsResolve("object_refs");
        break;
      case "opinion":
        if (!OPINIONS.includes(o.opinion as string)) issue(`opinion must be one of ${OPINIONS.join(", ")}`);
        refsResolve("object_refs");
        break;
      case "location": {
        const coords = o.latitude !== undefined && o.longitude !== undefined;
        if (o.region === undefined && o.country === undefined && !coords)
          issue("a location needs a region, a country, or a latitude and longitude");
        if ((o.latitude === undefined) !== (o.longitude === undefined)) issue("latitude and longitude come together");
        if (o.latitude !== undefined && !(typeof o.latitude === "number" && Math.abs(o.latitude) <= 90))
          issue("latitude must be between -90 and 90");
        if (o.longitude !== undefined && !(typeof o.longitude === "number" && Math.abs(o.longitude) <= 180))
          issue("longitude must be between -180 and 180");
        break;
      }
      case "identity":
      case "threat-actor":
      case "intrusion-set":
        if (typeof o.name !== "string" || !o.name) issue(`a ${type} needs a name`);
        break;
      case "observed-data":
        if (!isTimestamp(o.first_observed) || !isTimestamp(o.last_observed))
          issue("first_observed and last_observed must be timestamps");
        else if (Date.parse(o.last_observed) < Date.parse(o.first_observed))
          issue("last_observed must not be before first_observed");
        if (!Number.isInteger(o.number_observed) || (o.number_observed as number) < 1)
          issue("number_observed must be a whole number of at least 1");
        if ((o.objects === undefined) === (o.object_refs === undefined))
          issue("observed-data has either objects or object_refs");
        refsResolve("object_refs");
        break;
      case "relationship": {
        const rel = o.relationship_type;
        const from = o.source_ref;
        const to = o.target_ref;
        if (typeof rel !== "string" || !RELATIONSHIP_TYPE.test(rel))
          issue("relationship_type must be 3–250 characters of a–z, 0–9 and hyphens");
        for (const [name, ref] of [
          ["source_ref", from],
          ["target_ref", to],
        ] as const) {
          if (!isIdentifier(ref)) issue(`${name} must be an id`);
          else if (!byId.has(ref)) issue(`${name} ${ref} is not in the bundle`);
          else if (["relationship", "sighting", "marking-definition", "bundle"].includes(typeOfId(ref)))
            issue(`${name} may not name a ${typeOfId(ref)}`);
        }
        if (typeof rel === "string" && isIdentifier(from) && isIdentifier(to) && !GENERIC_RELATIONSHIPS.includes(rel)) {
          const targets = RELATIONSHIPS[typeOfId(from)]?.[rel];
          if (!targets || !targets.includes(typeOfId(to)))
            issue(`${rel} is not a relationship the specification defines from ${typeOfId(from)} to ${typeOfId(to)}`);
        }
        if (
          isTimestamp(o.start_time) &&
          isTimestamp(o.stop_time) &&
          Date.parse(o.stop_time) <= Date.parse(o.start_time)
        )
          issue("stop_time must be later than start_time");
        break;
      }
      case "sighting":
        if (!isIdentifier(o.sighting_of_ref) || !byId.has(o.sighting_of_ref))
          issue("sighting_of_ref must name an object in the bundle");
        refsResolve("where_sighted_refs", ["identity", "location"]);
        refsResolve("observed_data_refs", ["observed-data"]);
        if (o.count !== undefined && !(Number.isInteger(o.count) && (o.count as number) >= 0))
          issue("count must be a whole number");
        break;
      case "marking-definition": {
        const ext = o.extensions;
        const isTlp2 =
          isObject(ext) &&
          Object.keys(ext).some((k) => k === "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d");
        if (!isTlp2 && (o.definition_type === undefined || o.definition === undefined))
          issue("a marking definition needs definition_type and definition, or an extension such as TLP 2.0");
        if (isTlp2 && typeof o.name !== "string") issue("a TLP 2.0 marking definition needs its name");
        break;
      }
    }
  }
  return issues;
}

/** Throws with every issue listed, for tests that expect a valid bundle. */
export function assertValidStix(bundle: unknown): void {
  const issues = validateStixBundle(bundle);
  if (issues.length)
    throw new Error(`Invalid STIX bundle:\n${issues.map((i) => `- ${i.id ?? "(bundle)"}: ${i.message}`).join("\n")}`);
}
