/**
 * Keeps a react-hook-form form's values as a draft in IndexedDB (ui/use-draft.ts) once the user
 * has changed something, so a reload mid-form loses nothing. The form starts from the draft:
 * render it only after `useDraft(...).loaded` is known.
 */
import { useEffect } from 'react';
import { useWatch, type FieldValues, type UseFormReturn } from 'react-hook-form';
import type { useDraft } from '../../ui/use-draft';

export type Draft<T> = ReturnType<typeof useDraft<T>>;

export function useFormDraft<T extends FieldValues>(form: UseFormReturn<T>, draft: Draft<T>, empty: T): void {
  const values = useWatch({ control: form.control });
  const isDirty = form.formState.isDirty;
  const { save } = draft;
  useEffect(() => {
    // Untouched forms keep no draft: the stored row (or the empty form) is the truth.
    if (isDirty) save({ ...empty, ...values });
  }, [values, isDirty, save, empty]);
}
