// Starts GOV.UK Frontend's JavaScript components (progressive enhancement only).
import { initAll } from '/assets/govuk-frontend.js';
initAll();
