/** The screens' entry point (bundled by the server with esbuild). */
import './storefront-app.ts';
import './landing-page.ts';
// The call center's screens (CC-3..CC-23): the agent's order entry, the hold list, customer service.
import './call-center-screen.ts';
import './call-center-holds.ts';
import './call-center-service.ts';
