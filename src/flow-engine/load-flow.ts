import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { LANGUAGES, type Language } from '../storage/schema.js';
import type { Flow, StepDef } from './types.js';
import { STEP_TYPES } from './step-registry.js';
import { stepId } from './steps/common.js';

// The flow schema is assembled from each step type's own schema (style lesson 3).
const stepSchemas = Object.values(STEP_TYPES).map((h) => h.schema) as unknown as [z.ZodTypeAny, z.ZodTypeAny, ...z.ZodTypeAny[]];
export const stepSchema = z.discriminatedUnion('type', stepSchemas as never);

export const flowFileSchema = z
  .object({
    name: z.string().min(1),
    /** The step a call starts at: the entry `start`. */
    start: stepId.optional(),
    /** Named entry points, for a call that is several TwiML documents (one per leg, an announcement). */
    entries: z.record(z.string().regex(/^[a-z][a-z0-9_]*$/, 'entry names are lower_snake_case'), stepId).optional(),
    steps: z.record(stepId, stepSchema),
  })
  .strict()
  .refine((f) => f.start !== undefined || Object.keys(f.entries ?? {}).length > 0, {
    message: 'a flow needs start or entries',
    path: ['start'],
  })
  .refine((f) => f.start === undefined || f.entries?.start === undefined, {
    message: 'start is the entry start: give it once',
    path: ['entries', 'start'],
  });

const promptsFileSchema = z.record(z.string().min(1), z.string().min(1));

export class FlowLoadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FlowLoadError';
  }
}

function describe(e: z.ZodError): string {
  return e.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** Parses a flow from plain objects (already read from YAML); throws FlowLoadError naming the bad field. */
export function parseFlow(raw: unknown, prompts: Partial<Record<Language, unknown>>): Flow {
  const flow = flowFileSchema.safeParse(raw);
  if (!flow.success) throw new FlowLoadError(`flow: ${describe(flow.error)}`);
  const parsedPrompts = {} as Record<Language, Record<string, string>>;
  for (const lang of LANGUAGES) {
    const p = promptsFileSchema.safeParse(prompts[lang] ?? {});
    if (!p.success) throw new FlowLoadError(`prompts.${lang}: ${describe(p.error)}`);
    parsedPrompts[lang] = p.data;
  }
  const entries = { ...(flow.data.entries ?? {}), ...(flow.data.start !== undefined ? { start: flow.data.start } : {}) };
  return { name: flow.data.name, entries, steps: flow.data.steps as Record<string, StepDef>, prompts: parsedPrompts };
}

/** Loads DIR/flow.yaml and DIR/prompts.{ru,uk,en}.yaml. */
export async function loadFlow(dir: string): Promise<Flow> {
  const read = async (file: string) => {
    try {
      return parseYaml(await readFile(path.join(dir, file), 'utf8')) as unknown;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new FlowLoadError(`${file}: ${(e as Error).message}`);
    }
  };
  const raw = await read('flow.yaml');
  if (raw === undefined) throw new FlowLoadError(`${dir}: no flow.yaml`);
  const prompts: Partial<Record<Language, unknown>> = {};
  for (const lang of LANGUAGES) prompts[lang] = await read(`prompts.${lang}.yaml`);
  return parseFlow(raw, prompts);
}
