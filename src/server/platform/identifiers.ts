/**
 * The identifier checks (GB 11643, GB 32100, mobile numbers) live in src/shared/identifiers.ts, the one
 * copy the server, the web and the tests share; server code keeps importing them from here.
 */
export * from '../../shared/identifiers.ts';
