using Amazon.CDK;
using HealthDw.Infra;

// `cdk synth` / `cdk deploy` run this (infra-cdk/cdk.json): one stack per stage, HealthDw-<stage>.
var app = new App();
HealthDwApp.AddStacks(app);
app.Synth();
