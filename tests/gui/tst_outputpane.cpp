#include "ui/upgrade/OutputPane.h"

#include <QApplication>
#include <QClipboard>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QTest>

using namespace lockstep;

// The live output pane as an operator reads it: opens at the start of the last line, follows new lines
// only while at the end, keeps each step's output bounded, finds and copies.
class TestOutputPane : public QObject
{
    Q_OBJECT

    OutputPane *m_pane = nullptr;

    QPlainTextEdit *view() const { return m_pane->findChild<QPlainTextEdit *>(QStringLiteral("outputView")); }

private slots:
    void init()
    {
        m_pane = new OutputPane;
        m_pane->resize(500, 200);
        m_pane->QWidget::show();
        QVERIFY(QTest::qWaitForWindowExposed(m_pane));
    }

    void cleanup() { delete m_pane; }

    void aLongLastLineOpensAtItsStart()
    {
        m_pane->setTail(QStringLiteral("a"), QStringLiteral("upgrade"),
                        QStringLiteral("short line\n{\"instance\":\"a\",\"body\":\"%1\"}").arg(QString(400, u'x')));
        m_pane->show(QStringLiteral("a"), QStringLiteral("upgrade"));
        QTRY_VERIFY(view()->horizontalScrollBar()->maximum() > 0);   // the line is wider than the pane
        QCOMPARE(view()->horizontalScrollBar()->value(), 0);
    }

    void followsNewLinesOnlyAtTheEnd()
    {
        m_pane->show(QStringLiteral("a"), QStringLiteral("upgrade"));
        for (int i = 0; i < 200; ++i)
            m_pane->appendLine(QStringLiteral("a"), QStringLiteral("upgrade"), QStringLiteral("line %1").arg(i));
        QScrollBar *bar = view()->verticalScrollBar();
        QTRY_VERIFY(bar->maximum() > 0 && bar->value() == bar->maximum());
        // The operator scrolls up to read; new lines arrive but the view stays where it is.
        bar->setValue(0);
        m_pane->appendLine(QStringLiteral("a"), QStringLiteral("upgrade"), QStringLiteral("line 200"));
        QTRY_VERIFY(view()->toPlainText().endsWith(QStringLiteral("line 200")));
        QCOMPARE(bar->value(), 0);
    }

    void otherStepsDoNotMixAndEachIsBounded()
    {
        m_pane->show(QStringLiteral("a"), QStringLiteral("upgrade"));
        for (int i = 0; i < OutputPane::kMaxLinesPerStep + 100; ++i)
            m_pane->appendLine(QStringLiteral("a"), QStringLiteral("upgrade"), QStringLiteral("a %1").arg(i));
        m_pane->appendLine(QStringLiteral("b"), QStringLiteral("upgrade"), QStringLiteral("from b"));
        QTRY_VERIFY(view()->toPlainText().endsWith(QStringLiteral("a %1").arg(OutputPane::kMaxLinesPerStep + 99)));
        QVERIFY(!view()->toPlainText().contains(QStringLiteral("from b")));
        QVERIFY(view()->document()->blockCount() <= OutputPane::kMaxLinesPerStep);
        m_pane->show(QStringLiteral("b"), QStringLiteral("upgrade"));
        QCOMPARE(view()->toPlainText(), QStringLiteral("from b"));
    }

    void findsAndCopies()
    {
        m_pane->setTail(QStringLiteral("a"), QStringLiteral("verify"), QStringLiteral("GET /health -> 503\nGET /health -> 200 OK"));
        m_pane->show(QStringLiteral("a"), QStringLiteral("verify"));
        auto *search = m_pane->findChild<QLineEdit *>(QStringLiteral("outputSearch"));
        QTest::keyClicks(search, QStringLiteral("200"));
        QCOMPARE(view()->textCursor().selectedText(), QStringLiteral("200"));
        QTest::mouseClick(m_pane->findChild<QPushButton *>(QStringLiteral("outputCopy")), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("200"));
    }
};

QTEST_MAIN(TestOutputPane)
#include "tst_outputpane.moc"
