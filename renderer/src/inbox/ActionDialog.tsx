// t / s / a / m: pick a tag, a status, an assignee or a ministry, then apply it to the
// selection, the whole matching result or one group, saying how many it touches.
import { useState } from 'react';
import { STATUS_VALUES, type ActionTarget, type ReferenceData } from '../../../shared/domain.js';
import { errorMessage } from '../api/errors.js';
import { useAct } from '../api/mutations.js';
import { useTags } from '../api/queries.js';
import { useI18n } from '../i18n/i18n-context.js';
import { formatCount } from '../i18n/format.js';
import type { MessageKey } from '../i18n/ja.js';
import { ministryLabel, staffLabel, statusLabel } from '../i18n/labels.js';
import { useAnnounce } from '../ui/announcer.js';
import { needsConfirmation, toAction, UNASSIGN, type ActionKind } from './actions.js';
import { Dialog } from '../ui/Dialog.js';
import { OptionPicker, type PickOption } from '../ui/OptionPicker.js';
import { tagColourClass } from '../ui/tag-colour.js';

const TITLES: Record<ActionKind, MessageKey> = {
  tag: 'act.tagTitle',
  status: 'act.statusTitle',
  assign: 'act.assignTitle',
  transfer: 'act.transferTitle',
};

interface Props {
  action: ActionKind;
  target: ActionTarget;
  count: number | undefined;
  reference: ReferenceData | undefined;
  meId: string | null;
  onClose: () => void;
  onDone: () => void;
}

export function ActionDialog({ action, target, count, reference, meId, onClose, onDone }: Props) {
  const { t, lang } = useI18n();
  const act = useAct();
  const announce = useAnnounce();
  const tags = useTags();
  const [pending, setPending] = useState<{ value: string; label: string } | null>(null);

  const options: PickOption[] =
    action === 'tag'
      ? (tags.data ?? []).map((x) => ({ value: x.tag, label: x.tag, hint: String(x.count), className: `tag ${tagColourClass(x.tag)}` }))
      : action === 'status'
        ? STATUS_VALUES.map((s) => ({ value: s, label: statusLabel(s, lang), className: `status status-${s}` }))
        : action === 'assign'
          ? [
              ...(reference?.staff ?? [])
                .filter((s) => s.active)
                .sort((a, b) => (a.id === meId ? -1 : b.id === meId ? 1 : 0))
                .map((s) => ({ value: s.id, label: staffLabel(reference, s.id, lang, meId) })),
              { value: UNASSIGN, label: t('act.unassign') },
            ]
          : (reference?.ministries ?? []).filter((m) => m.active).map((m) => ({ value: m.code, label: ministryLabel(reference?.ministries, m.code, lang) }));

  const apply = (value: string) => {
    act.mutate(
      { target, action: toAction(action, value) },
      {
        onSuccess: (r) => {
          announce(t('act.done', { n: formatCount(r.count, lang) }));
          onDone();
        },
      },
    );
  };

  const pick = (value: string) => {
    const label = options.find((o) => o.value === value)?.label ?? value;
    if (needsConfirmation(target, count)) setPending({ value, label });
    else apply(value);
  };

  const targetText = count === 1 ? t('act.targetOne') : t('act.targetMany', { n: count === undefined ? '…' : formatCount(count, lang) });

  return (
    <Dialog title={t(TITLES[action])} description={targetText} onClose={onClose}>
      {pending ? (
        <div className="confirm">
          <p className="confirm-text">
            <strong>{pending.label}</strong>
          </p>
          <p>{t('act.confirmMany', { n: count === undefined ? '…' : formatCount(count, lang) })}</p>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => setPending(null)}>
              {t('app.cancel')}
            </button>
            <button type="button" className="button button-primary" autoFocus disabled={act.isPending} onClick={() => apply(pending.value)}>
              {t('act.apply')}
            </button>
          </div>
        </div>
      ) : (
        <>
          <OptionPicker
            label={t(TITLES[action])}
            placeholder={t('act.filterPlaceholder')}
            options={options}
            empty={t('act.noOptions')}
            createFrom={action === 'tag' ? (q) => (q && q.length <= 40 ? { value: q, label: t('act.newTag', { tag: q }) } : null) : undefined}
            onPick={pick}
          />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={onClose}>
              {t('app.cancel')}
            </button>
          </div>
        </>
      )}
      {act.isError ? (
        <p className="form-error" role="alert">
          {t('act.failed', { message: errorMessage(act.error) })}
        </p>
      ) : null}
    </Dialog>
  );
}
