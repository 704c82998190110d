"""Stage: makeup — places the edition's elements on the layout spec's grid as a PageLayout."""
