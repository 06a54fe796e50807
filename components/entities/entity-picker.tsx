"use client";
import { useMutation, useQuery } from "@tanstack/react-query";
import { X } from "lucide-react";
import { useId, useState } from "react";
import { ENTITY_KIND_LABELS, ENTITY_KINDS, type EntityKind } from "@/server/schemas/entity";
import { ENTITY_ROLES, PLACE_PRECISIONS } from "@/server/schemas/event";
import { errorMessage } from "../errors";
import { useTRPC } from "../trpc";
import { Bidi } from "../ui/bidi";

export type PickedEntity = {
  entityId: string;
  name: string;
  kind: string;
  role: (typeof ENTITY_ROLES)[number];
  placePrecision?: (typeof PLACE_PRECISIONS)[number] | null;
};

const ROLE_LABELS = { ACTOR: "Actor", PLACE: "Place", OTHER: "Other" } as const;
const PRECISION_LABELS = {
  EXACT: "exact spot",
  CITY: "city",
  REGION: "region",
  COUNTRY: "country",
  APPROXIMATE: "approximate",
} as const;
const small = "rounded border border-slate-300 bg-white px-1.5 py-0.5 text-xs";

/**
 * Links actors, places and other entities to an event. Typing offers existing
 * entities by name or alias, spelling mistakes included; anything new can be
 * created on the spot.
 */
export function EntityPicker({
  workspaceId,
  value,
  onChange,
}: {
  workspaceId: string;
  value: PickedEntity[];
  onChange: (v: PickedEntity[]) => void;
}) {
  const trpc = useTRPC();
  const id = useId();
  const [q, setQ] = useState("");
  const [newKind, setNewKind] = useState<EntityKind>("PERSON");
  const suggestions = useQuery(
    trpc.entity.suggest.queryOptions({ workspaceId, q: q.trim() || "-", limit: 8 }, { enabled: q.trim().length > 0 }),
  );
  const create = useMutation(trpc.entity.create.mutationOptions());

  const add = (e: { id: string; name: string; kind: string }) => {
    const role = e.kind === "PLACE" ? "PLACE" : "ACTOR";
    if (!value.some((v) => v.entityId === e.id && v.role === role)) {
      onChange([
        ...value,
        { entityId: e.id, name: e.name, kind: e.kind, role, placePrecision: role === "PLACE" ? "CITY" : null },
      ]);
    }
    setQ("");
  };

  return (
    <div className="space-y-2">
      <label htmlFor={`${id}-q`} className="block text-sm font-medium text-slate-800">
        Actors, places and other entities
      </label>
      {value.length > 0 && (
        <ul className="flex flex-wrap gap-2" aria-label="Linked entities">
          {value.map((v, i) => (
            <li
              key={`${v.entityId}-${v.role}`}
              className="flex items-center gap-1.5 rounded-md border border-slate-200 bg-white px-2 py-1 text-sm"
            >
              <span dir="auto" className="font-medium">
                <Bidi text={v.name} />
              </span>
              <select
                aria-label={`Role of ${v.name}`}
                className={small}
                value={v.role}
                onChange={(e) =>
                  onChange(
                    value.map((x, j) =>
                      j === i
                        ? {
                            ...x,
                            role: e.target.value as PickedEntity["role"],
                            placePrecision: e.target.value === "PLACE" ? (x.placePrecision ?? "CITY") : null,
                          }
                        : x,
                    ),
                  )
                }
              >
                {ENTITY_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {ROLE_LABELS[r]}
                  </option>
                ))}
              </select>
              {v.role === "PLACE" && (
                <select
                  aria-label={`Precision of ${v.name}`}
                  className={small}
                  value={v.placePrecision ?? "CITY"}
                  onChange={(e) =>
                    onChange(
                      value.map((x, j) =>
                        j === i ? { ...x, placePrecision: e.target.value as PickedEntity["placePrecision"] } : x,
                      ),
                    )
                  }
                >
                  {PLACE_PRECISIONS.map((p) => (
                    <option key={p} value={p}>
                      {PRECISION_LABELS[p]}
                    </option>
                  ))}
                </select>
              )}
              <button
                type="button"
                aria-label={`Remove ${v.name}`}
                className="text-slate-500 hover:text-red-700"
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                <X aria-hidden className="size-3.5" />
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="relative">
        <input
          id={`${id}-q`}
          dir="auto"
          role="combobox"
          aria-expanded={q.length > 0}
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          autoComplete="off"
          placeholder="Type a name or alias, e.g. IRGC or Mashad"
          className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              const first = suggestions.data?.[0];
              if (first) add(first);
            }
            if (e.key === "Escape") setQ("");
          }}
        />
        {q.trim().length > 0 && (
          <ul
            id={`${id}-list`}
            role="listbox"
            className="absolute z-20 mt-1 w-full rounded-md border border-slate-200 bg-white py-1 shadow-lg"
          >
            {suggestions.data?.map((s) => (
              <li key={s.id} role="option" aria-selected={false}>
                <button
                  type="button"
                  className="flex w-full items-baseline justify-between px-3 py-1.5 text-left text-sm hover:bg-slate-50"
                  onClick={() => add(s)}
                >
                  <span dir="auto">
                    {s.name}
                    {s.matched !== s.name && <span className="ml-1 text-xs text-slate-500">(“{s.matched}”)</span>}
                  </span>
                  <span className="text-xs text-slate-500">{ENTITY_KIND_LABELS[s.kind]}</span>
                </button>
              </li>
            ))}
            <li className="flex items-center gap-2 border-t border-slate-100 px-3 py-1.5 text-sm">
              <span className="text-slate-600">New:</span>
              <select
                aria-label="Kind of the new entity"
                className={small}
                value={newKind}
                onChange={(e) => setNewKind(e.target.value as EntityKind)}
              >
                {ENTITY_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {ENTITY_KIND_LABELS[k]}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="font-medium text-brand-700 underline"
                onClick={() =>
                  create.mutate(
                    { workspaceId, kind: newKind, name: q.trim(), aliases: [], description: "" },
                    { onSuccess: (e) => add(e) },
                  )
                }
              >
                Create “{q.trim()}”
              </button>
            </li>
            {create.error && <li className="px-3 py-1 text-xs text-red-700">{errorMessage(create.error)}</li>}
          </ul>
        )}
      </div>
    </div>
  );
}
