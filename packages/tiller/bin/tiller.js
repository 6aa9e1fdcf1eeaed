#!/usr/bin/env node
import '../dist/bin/tiller.js';
