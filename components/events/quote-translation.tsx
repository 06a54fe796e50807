"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { CheckCircle2, Languages } from "lucide-react";
import { useId, useState, type FormEvent } from "react";
import { languageName, TRANSLATION_LANGUAGES, translationFieldsSchema } from "@/server/schemas/citation";
import type { RouterOutputs } from "@/components/trpc";
import { errorMessage, fieldErrors } from "../errors";
import { validate } from "../forms/validate";
import { useTRPC } from "../trpc";
import { Bidi } from "../ui/bidi";
import { Button } from "../ui/button";
import { SelectField, TextArea, TextField } from "../ui/field";
import { Notice } from "../ui/notice";

type Citation = RouterOutputs["citation"]["forEvent"]["citations"][number];
type Translation = Citation["translation"];

/** "Translated by Ana — checked by Bo" / "Machine translation (engine) — not checked". */
export function translationState(t: Translation): string {
  const by =
    t.kind === "MACHINE"
      ? `Machine translation (${t.engine ?? "unnamed engine"})`
      : `Translated by ${t.translator?.name ?? "a former member"}`;
  return `${by} — ${t.checkedBy ? `checked by ${t.checkedBy.name}` : "not checked"}`;
}

/**
 * A quote's translation under the passage as the source has it: the text in
 * its own direction, who made it and whether a second analyst checked it, and
 * for contributors an editor (language, translator: me, another member, or a
 * machine named by its engine) and the "Mark checked" button.
 */
export function QuoteTranslation({
  citation,
  workspaceId,
  canEdit,
  onChanged,
}: {
  citation: Citation;
  workspaceId: string;
  canEdit: boolean;
  onChanged: () => Promise<unknown>;
}) {
  const trpc = useTRPC();
  const t = citation.translation;
  const [editing, setEditing] = useState(false);
  const check = useMutation(trpc.citation.checkTranslation.mutationOptions({ onSuccess: onChanged }));
  const headingId = useId();

  return (
    <div className="mt-2 space-y-2" data-testid="quote-translation">
      {t.text && (
        <figure aria-labelledby={headingId} className="border-l-4 border-slate-200 pl-3">
          <blockquote className="text-[15px] leading-relaxed text-slate-700" dir="auto" lang={t.language ?? undefined}>
            <Bidi text={t.text} />
          </blockquote>
          <figcaption id={headingId} className="mt-1 text-xs text-slate-600">
            <span className="font-medium">{languageName(t.language ?? "")}</span> ·{" "}
            <span data-testid="translation-state">{translationState(t)}</span>
          </figcaption>
        </figure>
      )}
      {check.error && <Notice tone="error">{errorMessage(check.error)}</Notice>}
      {canEdit && !editing && (
        <div className="flex flex-wrap gap-2">
          <Button variant="ghost" size="sm" onClick={() => setEditing(true)}>
            <Languages aria-hidden className="size-4" /> {t.text ? "Edit translation" : "Add translation"}
          </Button>
          {t.canCheck && (
            <Button
              variant="secondary"
              size="sm"
              busy={check.isPending}
              onClick={() => check.mutate({ citationId: citation.id, version: t.version })}
            >
              <CheckCircle2 aria-hidden className="size-4" /> Mark checked
            </Button>
          )}
        </div>
      )}
      {editing && (
        <TranslationForm
          citation={citation}
          workspaceId={workspaceId}
          onDone={async (changed) => {
            if (changed) await onChanged();
            setEditing(false);
          }}
        />
      )}
    </div>
  );
}

type TranslatorChoice = "me" | "member" | "machine";

function TranslationForm({
  citation,
  workspaceId,
  onDone,
}: {
  citation: Citation;
  workspaceId: string;
  onDone: (changed: boolean) => Promise<void>;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = citation.translation;
  const me = useQuery(trpc.me.get.queryOptions());
  const members = useQuery(trpc.member.list.queryOptions({ workspaceId }));
  const initialChoice: TranslatorChoice =
    t.kind === "MACHINE" ? "machine" : t.translator && me.data && t.translator.id !== me.data.id ? "member" : "me";
  const [text, setText] = useState(t.text ?? "");
  const [language, setLanguage] = useState(t.language ?? "en");
  const [choice, setChoice] = useState<TranslatorChoice>(initialChoice);
  const [memberId, setMemberId] = useState(t.kind === "MEMBER" ? (t.translator?.id ?? "") : "");
  const [engine, setEngine] = useState(t.engine ?? "");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.citation.setTranslation.mutationOptions({
      onSuccess: () => onDone(true),
      onError: (err) => setErrors(fieldErrors(err)),
    }),
  );
  const others = (members.data ?? []).filter((m) => m.active && m.userId !== me.data?.id);
  const stale = save.error && "data" in save.error && save.error.data?.code === "CONFLICT";

  function submit(e: FormEvent) {
    e.preventDefault();
    const translator =
      choice === "machine"
        ? { kind: "MACHINE" as const, engine }
        : { kind: "MEMBER" as const, userId: choice === "me" ? (me.data?.id ?? "") : memberId };
    const value = { text, language, translator };
    const found = validate(translationFieldsSchema, value);
    if (choice === "member" && !memberId) found.translator = "Choose the member who translated it";
    setErrors(found);
    if (Object.keys(found).length) return;
    save.mutate({ citationId: citation.id, version: t.version, translation: value });
  }

  return (
    <form
      onSubmit={submit}
      aria-label="Translation of the quote"
      className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3"
      noValidate
    >
      <TextArea
        label="Translation"
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={errors.text}
        hint="Paste or write the translation; the quote above stays as the source has it."
        maxLength={10_000}
      />
      <div className="grid gap-3 sm:grid-cols-2">
        <SelectField
          label="Language of the translation"
          value={language}
          onChange={(e) => setLanguage(e.target.value)}
          error={errors.language}
        >
          {TRANSLATION_LANGUAGES.map((l) => (
            <option key={l.code} value={l.code}>
              {l.name}
            </option>
          ))}
          {!TRANSLATION_LANGUAGES.some((l) => l.code === language) && <option value={language}>{language}</option>}
        </SelectField>
        <SelectField
          label="Translated by"
          value={choice}
          onChange={(e) => setChoice(e.target.value as TranslatorChoice)}
          error={choice === "me" ? errors.translator : undefined}
        >
          <option value="me">Me</option>
          <option value="member">Another member</option>
          <option value="machine">A machine (name the engine)</option>
        </SelectField>
      </div>
      {choice === "member" && (
        <SelectField
          label="Member who translated it"
          value={memberId}
          onChange={(e) => setMemberId(e.target.value)}
          error={errors.translator}
        >
          <option value="">Choose a member…</option>
          {others.map((m) => (
            <option key={m.userId} value={m.userId}>
              {m.name}
            </option>
          ))}
        </SelectField>
      )}
      {choice === "machine" && (
        <TextField
          label="Engine"
          value={engine}
          onChange={(e) => setEngine(e.target.value)}
          error={errors.translator}
          hint="As it is called, e.g. the service or model used. Nothing is translated here: paste its output above."
          maxLength={100}
        />
      )}
      {save.error && (
        <Notice tone="error">
          {errorMessage(save.error)}
          {stale && (
            <button
              type="button"
              className="ml-2 font-medium underline"
              onClick={async () => {
                await queryClient.invalidateQueries(trpc.citation.pathFilter());
                await onDone(false);
              }}
            >
              Reload
            </button>
          )}
        </Notice>
      )}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" size="sm" busy={save.isPending}>
          Save translation
        </Button>
        <Button variant="ghost" size="sm" onClick={() => onDone(false)}>
          Cancel
        </Button>
        {t.text && (
          <Button
            variant="danger"
            size="sm"
            className="ml-auto"
            busy={save.isPending}
            onClick={() => save.mutate({ citationId: citation.id, version: t.version, translation: null })}
          >
            Remove translation
          </Button>
        )}
      </div>
    </form>
  );
}
