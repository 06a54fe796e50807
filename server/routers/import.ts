import {
  acceptCandidateSchema,
  acceptManySchema,
  dismissCandidateSchema,
  importJobIdSchema,
  listCandidatesSchema,
  listImportJobsSchema,
  mergeCandidateSchema,
  startImportSchema,
} from "../schemas/import.ts";
import { acceptCandidate, acceptManyCandidates, dismissCandidate, mergeCandidate } from "../services/import/index.ts";
import { getImportJob, listCandidates, listImportJobs, startImport } from "../services/import/index.ts";
import { protectedProcedure, router } from "../trpc.ts";

export const importRouter = router({
  start: protectedProcedure.input(startImportSchema).mutation(({ ctx, input }) => startImport(ctx.actor, input)),
  job: protectedProcedure.input(importJobIdSchema).query(({ ctx, input }) => getImportJob(ctx.actor, input.jobId)),
  jobs: protectedProcedure.input(listImportJobsSchema).query(({ ctx, input }) => listImportJobs(ctx.actor, input)),
  candidates: protectedProcedure
    .input(listCandidatesSchema)
    .query(({ ctx, input }) => listCandidates(ctx.actor, input)),
  accept: protectedProcedure
    .input(acceptCandidateSchema)
    .mutation(({ ctx, input }) => acceptCandidate(ctx.actor, input)),
  acceptMany: protectedProcedure
    .input(acceptManySchema)
    .mutation(({ ctx, input }) => acceptManyCandidates(ctx.actor, input)),
  merge: protectedProcedure.input(mergeCandidateSchema).mutation(({ ctx, input }) => mergeCandidate(ctx.actor, input)),
  dismiss: protectedProcedure
    .input(dismissCandidateSchema)
    .mutation(({ ctx, input }) => dismissCandidate(ctx.actor, input)),
});
