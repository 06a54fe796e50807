"use client";
import { ChronologyPage } from "../events/chronology";
import { TimelinePanel } from "./timeline-panel";

/** The chronology with its timeline above the list; `width` is the width the server drew the first picture at. */
export function TimelineChronologyPage({ width }: { width: number }) {
  return <ChronologyPage view="timeline" timeline={(props) => <TimelinePanel {...props} initialWidth={width} />} />;
}
