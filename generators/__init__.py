"""Implementation documents from an intake questionnaire: the IP management manual, control
procedures, record forms, a traceability matrix and a coverage report."""
