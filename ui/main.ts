/** The screens' entry point (bundled by the server with esbuild). */
import './storefront-app.ts';
import './landing-page.ts';
