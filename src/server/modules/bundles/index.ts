/** The bundles module's public face (一件事一次办): its routes. It drives cases only through the cases module's index. */
export { bundleRoutes } from './routes.ts';
