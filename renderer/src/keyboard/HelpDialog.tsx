// `?`: every shortcut, read from the same map that drives the keys.
import { useI18n } from '../i18n/i18n-context.js';
import { Dialog } from '../ui/Dialog.js';
import { SHORTCUTS, shortcutLabels } from './shortcuts.js';

export function HelpDialog({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog title={t('keys.title')} description={t('keys.lead')} onClose={onClose} wide>
      <table className="keys-table">
        <thead>
          <tr>
            <th scope="col">{t('keys.key')}</th>
            <th scope="col">{t('keys.action')}</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.id}>
              <td>
                {shortcutLabels(s).map((k, i) => (
                  <span key={k}>
                    {i > 0 ? ' / ' : null}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(s.label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog-actions">
        <button type="button" className="button button-primary" data-autofocus onClick={onClose}>
          {t('app.close')}
        </button>
      </div>
    </Dialog>
  );
}
