# Tests of the metrics area: parser, derivations, storage, sources and gates.
lockstep_add_test(NAME tst_promtextparser SOURCES metrics/tst_promtextparser.cpp LABELS unit)
lockstep_add_test(NAME tst_histogramquantile SOURCES metrics/tst_histogramquantile.cpp LABELS unit)
lockstep_add_test(NAME tst_fleetmetrics SOURCES metrics/tst_fleetmetrics.cpp LABELS unit)
lockstep_add_test(NAME tst_metricgate SOURCES metrics/tst_metricgate.cpp LABELS unit)
lockstep_add_test(NAME tst_metricsources SOURCES metrics/tst_metricsources.cpp LABELS unit LIBS Qt6::HttpServer)
lockstep_add_test(NAME tst_prometheus_agreement SOURCES metrics/tst_prometheus_agreement.cpp LABELS integration TIMEOUT 300)
lockstep_add_test(NAME tst_metricchart SOURCES metrics/tst_metricchart.cpp LABELS gui LIBS lockstep_ui)
lockstep_add_test(NAME tst_promtool_crosscheck SOURCES metrics/tst_promtool_crosscheck.cpp metrics/MalformedCorpus.h LABELS integration)
