import type { ScaffoldChoices } from './choices.js';
import { yamlString } from './yaml-scalar.js';

/**
 * Chart.yaml of the scaffold: Helm's text (comments included) with the chosen description and
 * appVersion. The liquid variant names its engine, which is what makes helmts render it with liquid.
 */
export function scaffoldChartYaml(chartName: string, choices: ScaffoldChoices): string {
  const engine =
    choices.engine === 'gotpl'
      ? ''
      : `
# The template engine that renders this chart's templates (helmts: gotpl or liquid).
engine: ${choices.engine}
`;
  return `apiVersion: v2
name: ${chartName}
description: ${yamlString(choices.description)}
${engine}
# A chart can be either an 'application' or a 'library' chart.
#
# Application charts are a collection of templates that can be packaged into versioned archives
# to be deployed.
#
# Library charts provide useful utilities or functions for the chart developer. They're included as
# a dependency of application charts to inject those utilities and functions into the rendering
# pipeline. Library charts do not define any templates and therefore cannot be deployed.
type: application

# This is the chart version. This version number should be incremented each time you make changes
# to the chart and its templates, including the app version.
# Versions are expected to follow Semantic Versioning (https://semver.org/)
version: 0.1.0

# This is the version number of the application being deployed. This version number should be
# incremented each time you make changes to the application. Versions are not expected to
# follow Semantic Versioning. They should reflect the version the application is using.
# It is recommended to use it with quotes.
appVersion: ${JSON.stringify(choices.appVersion)}
`;
}
