#include "ui/upgrade/OutputPane.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

namespace lockstep {

OutputPane::OutputPane(QWidget *parent)
    : QWidget(parent)
    , m_title(new QLabel(tr("Select a step in the grid to see its output."), this))
    , m_search(new QLineEdit(this))
    , m_copy(new QPushButton(tr("Copy"), this))
    , m_view(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("outputPane"));
    m_title->setObjectName(QStringLiteral("outputTitle"));
    m_search->setObjectName(QStringLiteral("outputSearch"));
    m_search->setPlaceholderText(tr("Find in output (Enter: next)"));
    m_search->setClearButtonEnabled(true);
    m_copy->setObjectName(QStringLiteral("outputCopy"));
    m_view->setObjectName(QStringLiteral("outputView"));
    m_view->setReadOnly(true);
    m_view->setMaximumBlockCount(kMaxLinesPerStep);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(m_search);
    top->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(m_view, 1);

    m_flushTimer.setInterval(50);
    m_flushTimer.setSingleShot(true);
    connect(&m_flushTimer, &QTimer::timeout, this, &OutputPane::flush);
    connect(m_search, &QLineEdit::returnPressed, this, &OutputPane::findNext);
    connect(m_search, &QLineEdit::textChanged, this, [this] {
        m_view->moveCursor(QTextCursor::Start);
        findNext();
    });
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QString selected = m_view->textCursor().selectedText();
        QApplication::clipboard()->setText(selected.isEmpty() ? m_view->toPlainText()
                                                              : selected.replace(QChar::ParagraphSeparator, QLatin1Char('\n')));
    });
}

void OutputPane::appendLine(const QString &instance, const QString &step, const QString &line)
{
    const QString k = key(instance, step);
    QStringList &lines = m_lines[k];
    lines << line;
    if (lines.size() > kMaxLinesPerStep)
        lines.remove(0, lines.size() - kMaxLinesPerStep);
    if (k == m_shown) {
        m_pending << line;
        if (!m_flushTimer.isActive())
            m_flushTimer.start();
    }
}

void OutputPane::setTail(const QString &instance, const QString &step, const QString &tail)
{
    const QString k = key(instance, step);
    if (!m_lines.value(k).isEmpty() || tail.isEmpty())
        return;
    m_lines.insert(k, tail.split(QLatin1Char('\n')));
    if (k == m_shown)
        show(instance, step);
}

void OutputPane::show(const QString &instance, const QString &step)
{
    m_shown = key(instance, step);
    m_pending.clear();
    m_title->setText(tr("Output of %1 on %2").arg(step, instance));
    const QStringList lines = m_lines.value(m_shown);
    m_view->setPlainText(lines.isEmpty() ? QString() : lines.join(QLatin1Char('\n')));
    // The last line, read from its start: long lines (JSON bodies) must not open scrolled to their end.
    m_view->moveCursor(QTextCursor::End);
    m_view->moveCursor(QTextCursor::StartOfBlock);
}

void OutputPane::clear()
{
    m_lines.clear();
    m_pending.clear();
    m_shown.clear();
    m_view->clear();
}

QString OutputPane::text() const
{
    return m_view->toPlainText();
}

void OutputPane::flush()
{
    if (m_pending.isEmpty())
        return;
    // Follow the end only when the operator has not scrolled up to read.
    auto *bar = m_view->verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum() - 2;
    m_view->appendPlainText(m_pending.join(QLatin1Char('\n')));
    m_pending.clear();
    if (atEnd)
        bar->setValue(bar->maximum());
}

void OutputPane::findNext()
{
    const QString needle = m_search->text();
    if (needle.isEmpty())
        return;
    if (!m_view->find(needle)) {
        m_view->moveCursor(QTextCursor::Start);
        m_view->find(needle);
    }
}

} // namespace lockstep
