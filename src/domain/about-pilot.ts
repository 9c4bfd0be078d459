/**
 * The "about the pilot" page a commune officer shows a beneficiary on the tablet (issue 17,
 * "Guides"): what changes, how to open an account, the fees, how to get help. Each commune's
 * text is set online by an admin or supervisor (kept in the commune's pulled data, so it shows
 * offline); a commune without one shows the app's default. Pure: the sections and their limits.
 */
export const aboutPilotSections = ['whatChanges', 'openAccount', 'fees', 'help'] as const;
export type AboutPilotSection = (typeof aboutPilotSections)[number];

export type AboutPilot = Record<AboutPilotSection, string>;

/** A section's length limit, in characters: a page read aloud to someone, not a handbook. */
export const ABOUT_SECTION_MAX = 2000;

export type AboutPilotProblem = { section: AboutPilotSection; code: 'empty' | 'too-long' };

/** Text in NFC, lines trimmed, runs of blank lines folded to one, as it is stored. */
export function tidyAbout(about: AboutPilot): AboutPilot {
  const tidy = (text: string) =>
    text
      .normalize('NFC')
      .split('\n')
      .map((line) => line.trim())
      .join('\n')
      .replace(/\n{3,}/gu, '\n\n')
      .trim();
  return Object.fromEntries(aboutPilotSections.map((s) => [s, tidy(about[s])])) as AboutPilot;
}

/** What keeps a text from being saved: every section said, none too long. */
export function aboutPilotProblems(about: AboutPilot): AboutPilotProblem[] {
  const tidy = tidyAbout(about);
  return aboutPilotSections.flatMap((section): AboutPilotProblem[] => {
    if (tidy[section] === '') return [{ section, code: 'empty' }];
    return tidy[section].length > ABOUT_SECTION_MAX ? [{ section, code: 'too-long' }] : [];
  });
}
