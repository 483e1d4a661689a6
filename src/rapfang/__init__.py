"""rapfang: public hearings on draft plans and laws."""
