/** The passage as it will be cited, with the date the importer read marked. */
export function Passage({ text, dateText }: { text: string; dateText: string }) {
  const at = dateText ? text.indexOf(dateText) : -1;
  return (
    <blockquote
      dir="auto"
      className="whitespace-pre-line border-l-4 border-slate-200 pl-3 font-serif text-[15px] leading-relaxed text-slate-800"
    >
      {at === -1 ? (
        text
      ) : (
        <>
          {text.slice(0, at)}
          <mark className="rounded bg-amber-100 px-0.5 text-slate-900">{dateText}</mark>
          {text.slice(at + dateText.length)}
        </>
      )}
    </blockquote>
  );
}
