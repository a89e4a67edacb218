// Light/dark theme: follows prefers-color-scheme until the learner picks one with the toggle;
// the choice is remembered. Charts listen for the "themechange" event to redraw in the new colours.
const KEY = 'lrlab.theme';
const media = matchMedia('(prefers-color-scheme: dark)');

function stored() {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'dark' || v === 'light' ? v : null;
  } catch {
    return null;
  }
}

function apply() {
  const theme = stored() || (media.matches ? 'dark' : 'light');
  document.documentElement.dataset.theme = theme;
  const button = document.getElementById('theme-toggle');
  if (button) {
    button.setAttribute('aria-pressed', String(theme === 'dark'));
    button.textContent = theme === 'dark' ? 'Light theme' : 'Dark theme';
  }
  document.dispatchEvent(new Event('themechange'));
}

apply();
media.addEventListener('change', apply);
const wire = () => {
  const button = document.getElementById('theme-toggle');
  if (!button) return;
  apply();
  button.addEventListener('click', () => {
    const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
    try {
      localStorage.setItem(KEY, next);
    } catch {
      /* not remembered */
    }
    apply();
  });
};
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
else wire();
