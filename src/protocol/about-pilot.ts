/**
 * A commune's "about the pilot" text (issue 17; domain/about-pilot.ts), on the wire: kept in the
 * commune's pulled data as `aboutPilot` (additive: an older app drops the field), and set or reset
 * (`about: null`, the app's default again) by `PUT /api/communes/:code/about-pilot` (admins and
 * supervisors; docs/protocol.md "About the pilot").
 */
import { z } from 'zod';
import { aboutPilotSections, type AboutPilot } from '../domain/about-pilot';
import { PROTOCOL_VERSION } from './common';

/** Bounded on the wire; the domain's limit (2,000 per section) is checked by the server's rule. */
export const aboutPilotSchema = z.object(
  Object.fromEntries(aboutPilotSections.map((s) => [s, z.string().max(10_000)])) as Record<
    (typeof aboutPilotSections)[number],
    z.ZodString
  >,
) satisfies z.ZodType<AboutPilot>;

export const aboutPilotRequestSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  about: aboutPilotSchema.nullable(),
});

export const aboutPilotResponseSchema = z.object({
  protocol: z.literal(PROTOCOL_VERSION),
  communeCode: z.string(),
  about: aboutPilotSchema.nullable(),
});
export type AboutPilotResponse = z.infer<typeof aboutPilotResponseSchema>;
