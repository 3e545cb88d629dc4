// Installed beside Serverless Workbench in test profiles only. code-server passes its environment to the
// extension host, so SW_TEST_ENTRY names the bundled suite runner to load from the repository.
exports.activate = function activate() {
  const entry = process.env.SW_TEST_ENTRY;
  if (!entry) return;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  void require(entry).runFromEnvironment();
};

exports.deactivate = function deactivate() {};
