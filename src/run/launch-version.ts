/** spectramind-launch's version, written into `hydra.yaml` (`runtime.version`); a test keeps it equal to package.json's. */
export const LAUNCH_VERSION = '0.1.0';
