// Original file: proto/hapi/version/version.proto


export interface Version {
  'sem_ver'?: (string);
  'git_commit'?: (string);
  'git_tree_state'?: (string);
}

export interface Version__Output {
  'sem_ver': (string);
  'git_commit': (string);
  'git_tree_state': (string);
}
