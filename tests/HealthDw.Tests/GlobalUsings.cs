global using HealthDw.Core.Validation;
